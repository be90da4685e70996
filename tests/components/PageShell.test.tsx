import { act, fireEvent, render, screen } from '@testing-library/react';
import { clearStorageSync } from '@tarojs/taro';
import { DEFAULT_MESSAGES } from '@honglin/types/envelope';
import { PageShell } from '@/components/PageShell';
import { ELDER_MODE_CLASS, setElderMode } from '@/lib/elderMode';
import type { QueryState } from '@/lib/useQuery';

interface Item {
  name: string;
}

function renderShell(query: QueryState<Item[]> | undefined, onRetry = jest.fn()) {
  const utils = render(
    <PageShell<Item[]> query={query} onRetry={onRetry} isEmpty={(items) => items.length === 0} emptyText="还没有诉求">
      {(items) => items.map((item) => <span key={item.name}>{item.name}</span>)}
    </PageShell>,
  );
  return { ...utils, onRetry };
}

afterEach(() => clearStorageSync());

describe('PageShell', () => {
  test('loading: shows the loading note and none of the content', () => {
    renderShell({ status: 'loading' });
    expect(screen.getByText('正在加载…')).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
  });

  test('success: renders the data through the children function', () => {
    renderShell({ status: 'success', data: [{ name: '路灯不亮' }, { name: '垃圾未清' }] });
    expect(screen.getByText('路灯不亮')).toBeTruthy();
    expect(screen.getByText('垃圾未清')).toBeTruthy();
    expect(screen.queryByText('正在加载…')).toBeNull();
    expect(screen.queryByText('还没有诉求')).toBeNull();
  });

  test('empty: shows the empty text instead of the content', () => {
    renderShell({ status: 'success', data: [] });
    expect(screen.getByText('还没有诉求')).toBeTruthy();
  });

  test('error: shows the error message and a retry button that calls onRetry', () => {
    const { onRetry } = renderShell({
      status: 'error',
      error: { code: 'INTERNAL', message: DEFAULT_MESSAGES.INTERNAL },
    });
    expect(screen.getByText(DEFAULT_MESSAGES.INTERNAL)).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  test('sign-in: an UNAUTHENTICATED error asks to be identified again, not a generic retry', () => {
    const { onRetry, container } = renderShell({
      status: 'error',
      error: { code: 'UNAUTHENTICATED', message: DEFAULT_MESSAGES.UNAUTHENTICATED },
    });
    expect(screen.getByText(DEFAULT_MESSAGES.UNAUTHENTICATED)).toBeTruthy();
    expect(container.querySelector('.hl-state--sign-in')).not.toBeNull();
    expect(screen.queryByText('重试')).toBeNull();
    fireEvent.click(screen.getByText('重新识别身份'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  test('a refusal says what to do and offers a way out instead of a retry that cannot succeed', () => {
    renderShell({ status: 'error', error: { code: 'FORBIDDEN', message: '您没有权限进行此操作' } });
    expect(screen.getByText('您没有权限进行此操作')).toBeTruthy();
    expect(screen.getByText(/请联系村里的管理员/)).toBeTruthy();
    expect(screen.queryByText('重试')).toBeNull();
    expect(screen.getByText('回首页')).toBeTruthy();
  });

  test('a network failure offers 重试 and 回首页, and says to check the network', () => {
    const { onRetry } = renderShell({ status: 'error', error: { code: 'NETWORK', message: DEFAULT_MESSAGES.NETWORK } });
    expect(screen.getByText(/请检查手机网络/)).toBeTruthy();
    expect(screen.getByText('回首页')).toBeTruthy();
    fireEvent.click(screen.getByText('重试'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  test('no query: renders static children as they are', () => {
    render(
      <PageShell>
        <span>静态内容</span>
      </PageShell>,
    );
    expect(screen.getByText('静态内容')).toBeTruthy();
  });

  test('elder mode: the stored choice puts the elder class on the page root', () => {
    const { container, unmount } = renderShell({ status: 'loading' });
    expect(container.querySelector(`.${ELDER_MODE_CLASS}`)).toBeNull();
    unmount();
    setElderMode(true);
    const again = renderShell({ status: 'loading' });
    expect(again.container.querySelector(`.hl-page.${ELDER_MODE_CLASS}`)).not.toBeNull();
  });

  test('elder mode is live: toggling it re-renders a page already open, on and off', () => {
    setElderMode(false);
    const { container } = renderShell({ status: 'loading' });
    expect(container.querySelector(`.${ELDER_MODE_CLASS}`)).toBeNull();
    act(() => setElderMode(true));
    expect(container.querySelector(`.hl-page.${ELDER_MODE_CLASS}`)).not.toBeNull();
    act(() => setElderMode(false));
    expect(container.querySelector(`.${ELDER_MODE_CLASS}`)).toBeNull();
  });
});
