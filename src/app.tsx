import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.scss';

// Once per launch, before any page calls a function. The H5 build talks to the dev gateway instead.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init({ env: HONGLIN_CLOUD_ENV || undefined, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
