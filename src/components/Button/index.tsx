import type { ReactNode } from 'react';
import { Button as TaroButton } from '@tarojs/components';
import './index.scss';

interface ButtonProps {
  children: ReactNode;
  /** 'primary' is the one action a screen leads to, drawn in the party red. */
  type?: 'default' | 'primary';
  size?: 'normal' | 'large';
  /** As wide as its row. */
  block?: boolean;
  /** Shown dimmed and not tappable while the action it started runs. */
  loading?: boolean;
  className?: string;
  onClick?: () => void;
}

/**
 * The button of the main package's pages (the tabs and PageShell). NutUI's Button brings NutUI's styles, icons
 * and helpers, about 35 KB, into the weapp main package, which must stay within 1.3× a bare Taro app
 * (docs/PERFORMANCE.md); subpackages may go on using NutUI's.
 */
export function Button({
  children,
  type = 'default',
  size = 'normal',
  block,
  loading,
  className,
  onClick,
}: ButtonProps) {
  const classes = [
    'hl-button',
    `hl-button--${type}`,
    `hl-button--${size}`,
    block ? 'hl-button--block' : '',
    loading ? 'hl-button--loading' : '',
    className ?? '',
  ];
  return (
    <TaroButton
      className={classes.filter(Boolean).join(' ')}
      disabled={loading}
      onClick={loading ? undefined : onClick}
    >
      {children}
    </TaroButton>
  );
}
