import { act, render, screen } from '@testing-library/react';
import type { Page } from '@honglin/types/common';
import type { Envelope } from '@honglin/types/envelope';
import { usePagedList } from '@/hooks/usePagedList';

interface Input {
  category: string;
  cursor?: string;
}

/** A list action whose answers the test hands out, in any order, by the input they answer. */
function controlledList() {
  const waiting: Array<{ input: Input; answer: (envelope: Envelope<Page<string>>) => void }> = [];
  const load = (input: Input) =>
    new Promise<Envelope<Page<string>>>((resolve) => waiting.push({ input, answer: resolve }));
  const answer = async (category: string, page: Page<string>, cursor?: string) => {
    const call = waiting.find((w) => w.input.category === category && w.input.cursor === cursor);
    if (!call) throw new Error(`no load of ${category} ${cursor ?? ''} is waiting`);
    await act(async () => call.answer({ ok: true, data: page }));
  };
  return { load, answer };
}

function List({ load, category }: { load: (input: Input) => Promise<Envelope<Page<string>>>; category: string }) {
  const list = usePagedList(load, { category });
  return (
    <div>
      {list.items.map((item) => (
        <p key={item}>{item}</p>
      ))}
      {list.loading && <span>正在加载…</span>}
      {list.hasMore && <button onClick={list.more}>加载更多</button>}
    </div>
  );
}

describe('usePagedList', () => {
  test('a slow answer to an earlier filter is dropped: the list shows the last filter’s rows', async () => {
    const { load, answer } = controlledList();
    const { rerender } = render(<List load={load} category="all" />);
    await answer('all', { items: ['全部诉求一'] });
    // Two quick taps: 道路 then 环境; 道路's answer comes last.
    rerender(<List load={load} category="road" />);
    rerender(<List load={load} category="environment" />);
    await answer('environment', { items: ['环境诉求一'] });
    await answer('road', { items: ['道路诉求一'] });
    expect(screen.getByText('环境诉求一')).toBeTruthy();
    expect(screen.queryByText('道路诉求一')).toBeNull();
    expect(screen.queryByText('全部诉求一')).toBeNull();
    expect(screen.queryByText('正在加载…')).toBeNull();
  });

  test('rows of the earlier filter are not shown while the new filter loads', async () => {
    const { load, answer } = controlledList();
    const { rerender } = render(<List load={load} category="all" />);
    await answer('all', { items: ['全部诉求一'] });
    rerender(<List load={load} category="road" />);
    expect(screen.queryByText('全部诉求一')).toBeNull();
    expect(screen.getByText('正在加载…')).toBeTruthy();
  });

  test('more appends the next page; a next page of an earlier filter is dropped', async () => {
    const { load, answer } = controlledList();
    const { rerender } = render(<List load={load} category="all" />);
    await answer('all', { items: ['第一页'], nextCursor: 'c1' });
    await act(async () => screen.getByText('加载更多').click());
    await answer('all', { items: ['第二页'] }, 'c1');
    expect(screen.getByText('第一页')).toBeTruthy();
    expect(screen.getByText('第二页')).toBeTruthy();
    expect(screen.queryByText('加载更多')).toBeNull();

    rerender(<List load={load} category="road" />);
    await answer('road', { items: ['道路第一页'], nextCursor: 'r1' });
    await act(async () => screen.getByText('加载更多').click());
    rerender(<List load={load} category="environment" />);
    await answer('road', { items: ['道路第二页'] }, 'r1');
    await answer('environment', { items: ['环境第一页'] });
    expect(screen.getByText('环境第一页')).toBeTruthy();
    expect(screen.queryByText('道路第二页')).toBeNull();
  });
});
