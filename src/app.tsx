// First: zod reads its settings when a schema is built, and pages build theirs as they load.
import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';

// Once per launch, before any page calls a function, in the town's environment (config/honglin.json cloudEnv).
// traceUser off: the console's visitor list would keep every user's openid outside our own records (docs/PRIVACY.md).
// The H5 build talks to the dev gateway instead.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: HONGLIN_CLOUD_ENV, traceUser: false });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
