/**
 * WeChat has no working `Function` constructor: in DevTools (real V8) it works, on devices it throws or returns
 * a useless value. The client's answer parsing must never need it: it reads envelopes by plain code (readEnvelope in
 * types/envelope.ts), and no zod, whose JIT is built on `Function`, reaches the client.
 * Each case loads the transport afresh with `Function` broken in one of those two ways, as a phone would.
 */
type Transport = typeof import('@/api/transport');

const realFunction = globalThis.Function;

const behaviours = {
  /** Refuses, as a strict sandbox does. */
  throws: function Function() {
    throw new EvalError('Function is not supported');
  },
  /** Gives back something that looks callable but does nothing (reported from devices). */
  'returns a useless value': function Function() {
    return () => undefined;
  },
} as const;

/** The transport and everything it imports, evaluated afresh under the current `Function`. */
function freshTransport(): Transport {
  let transport: Transport | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module registry needs require
    transport = require('@/api/transport') as Transport;
  });
  return transport as Transport;
}

describe.each(Object.entries(behaviours))('answer parsing when Function %s', (_name, behaviour) => {
  const broken = jest.fn(behaviour);

  beforeEach(() => {
    broken.mockClear();
    globalThis.Function = broken as unknown as FunctionConstructor;
  });
  afterEach(() => {
    globalThis.Function = realFunction;
  });

  it('checks success, error and malformed answers without ever calling Function', () => {
    const { toEnvelope } = freshTransport();
    for (let i = 0; i < 3; i += 1) {
      expect(toEnvelope({ ok: true, data: { id: 'r1', items: [1, 2] } })).toEqual({
        ok: true,
        data: { id: 'r1', items: [1, 2] },
      });
      expect(toEnvelope({ ok: false, error: { code: 'CONFLICT', message: '诉求已被他人签收' } })).toEqual({
        ok: false,
        error: { code: 'CONFLICT', message: '诉求已被他人签收' },
      });
      expect(toEnvelope({ ok: false, error: { code: 'NO_SUCH_CODE', message: 'x' } })).toEqual({
        ok: false,
        error: { code: 'INTERNAL', message: expect.any(String) },
      });
      expect(toEnvelope({ data: 1 })).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } });
    }
    expect(broken).not.toHaveBeenCalled();
  });
});
