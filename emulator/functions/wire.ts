import type http from 'node:http';
import { TOO_DEEP_MESSAGE, nestsDeeperThan } from '../../types/json';
import { sendJson } from '../http/io';
import type { Caller, FunctionRuntime, InvocationFailure, InvocationOutcome } from './runtime';

/** The numeric errCode wx-server-sdk reports for a failed invocation (its TCB_ERR_CODE table). */
export function errCodeOf(failure: InvocationFailure): number {
  return failure.kind === 'not_found' ? -501000 : -504002;
}

/**
 * Answers `functions.invokeFunction` as the cloud does: `{requestId, data:{response_data}}`, or
 * `{code, message, requestId}` (HTTP 200) which makes the SDK reject. A call made from inside a
 * running invocation carries that invocation's session token, so the callee sees the same caller.
 */
export async function answerInvokeFunction(
  runtime: FunctionRuntime,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const name = typeof body.function_name === 'string' ? body.function_name : '';
  if (!name) return { code: 'INVALID_PARAM', message: '函数名不能为空', requestId: '' };
  let event: unknown = {};
  const requestData = typeof body.request_data === 'string' ? body.request_data : '';
  if (requestData) {
    try {
      event = JSON.parse(requestData);
    } catch {
      return { code: 'INVALID_PARAM', message: 'request_data is not valid JSON', requestId: '' };
    }
    if (nestsDeeperThan(event)) return { code: 'INVALID_PARAM', message: TOO_DEEP_MESSAGE, requestId: '' };
  }
  const caller: Caller = runtime.callerOfSession(body.tcb_sessionToken) ?? {};
  const outcome = await runtime.invoke(name, event, caller);
  if (outcome.ok) return { requestId: outcome.requestId, data: { response_data: outcome.responseData } };
  return { code: outcome.code, message: outcome.message, requestId: '' };
}

/** Answers an invocation over plain HTTP (gateway, timer endpoint): the function's return value as JSON (200), or `{errCode, errMsg}` (502; 404 for no such function). */
export function sendInvocation(res: http.ServerResponse, outcome: InvocationOutcome): void {
  if (outcome.ok) {
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(outcome.responseData),
    });
    res.end(outcome.responseData);
  } else {
    sendJson(res, { errCode: errCodeOf(outcome), errMsg: outcome.message }, outcome.kind === 'not_found' ? 404 : 502);
  }
}
