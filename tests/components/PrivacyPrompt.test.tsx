import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PageShell } from '@/components/PageShell';
import { onPrivacyQuestion } from '@/components/PrivacyDialog';

/**
 * WeChat holds a private-info call (chooseImage, setClipboardData …) until the app answers its privacy question.
 * Every page (through PageShell) must show the agreement then, and answer WeChat from it, or the tap hangs.
 * The acceptance is stored through the transport (fetch stubbed, as in transport.test.tsx).
 */
type FetchImpl = (url: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

function installFetch(impl: FetchImpl) {
  const stub = jest.fn<Promise<Response>, Parameters<FetchImpl>>(impl);
  globalThis.fetch = stub as typeof fetch;
  return stub;
}

const okAnswer: FetchImpl = async () =>
  new Response(JSON.stringify({ ok: true, data: { known: true } }), { status: 200 });

/** A page that is not 首页 or 我的: the kind that calls chooseImage from a tap. */
function renderSomePage() {
  return render(
    <PageShell>
      <span>添加照片</span>
    </PageShell>,
  );
}

describe('the privacy question on any page', () => {
  test('nothing shows while WeChat has not asked', () => {
    renderSomePage();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  test('WeChat asking shows the agreement; agreeing stores it and answers WeChat with the agree button', async () => {
    const stub = installFetch(okAnswer);
    renderSomePage();
    const resolve = jest.fn();
    act(() => onPrivacyQuestion(resolve));
    expect(screen.getByRole('dialog', { name: '隐私保护指引' })).toBeTruthy();
    fireEvent.click(screen.getByText('同意并继续'));
    await waitFor(() => expect(resolve).toHaveBeenCalledWith({ buttonId: 'hl-privacy-agree', event: 'agree' }));
    expect(
      stub.mock.calls.some(([url, init]) => url === '/api/user' && String(init?.body).includes('acceptPrivacy')),
    ).toBe(true);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  test('declining answers WeChat too, so the waiting call ends instead of hanging', () => {
    renderSomePage();
    const resolve = jest.fn();
    act(() => onPrivacyQuestion(resolve));
    fireEvent.click(screen.getByText('暂不同意'));
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
