import { act, render, screen } from '@testing-library/react';
import type { Envelope } from '@honglin/types/envelope';
import { PageShell } from '@/components/PageShell';
import { useQuery } from '@/lib/useQuery';

function Page({ load }: { load: () => Promise<Envelope<string>> }) {
  const { query, reload } = useQuery(load, []);
  return (
    <PageShell<string> query={query} onRetry={reload}>
      {(text) => <span>{text}</span>}
    </PageShell>
  );
}

describe('useQuery with PageShell', () => {
  test('shows loading, then the data of a success envelope', async () => {
    let resolve!: (answer: Envelope<string>) => void;
    render(<Page load={() => new Promise((r) => (resolve = r))} />);
    expect(screen.getByText('正在加载…')).toBeTruthy();
    await act(async () => resolve({ ok: true, data: '三条诉求' }));
    expect(screen.getByText('三条诉求')).toBeTruthy();
  });

  test('an error envelope shows its message, and retry loads again', async () => {
    const load = jest
      .fn<Promise<Envelope<string>>, []>()
      .mockResolvedValueOnce({ ok: false, error: { code: 'NETWORK', message: '网络不通，请检查网络后重试' } })
      .mockResolvedValueOnce({ ok: true, data: '重新加载成功' });
    render(<Page load={load} />);
    expect(await screen.findByText('网络不通，请检查网络后重试')).toBeTruthy();
    await act(async () => screen.getByText('重试').click());
    expect(await screen.findByText('重新加载成功')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
