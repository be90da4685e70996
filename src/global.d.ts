/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** Build constants (config/index.ts defineConstants). */
/** Base URL of the H5 calls to the dev gateway; '' means the page's own origin. */
declare const HONGLIN_API_BASE: string;
/** Cloud-development environment id for Taro.cloud.init in the weapp: config/honglin.json cloudEnv. */
declare const HONGLIN_CLOUD_ENV: string;

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE built-in: affects the build output */
    NODE_ENV: 'development' | 'production' | 'test';
    /** The platform being built */
    TARO_ENV: 'weapp' | 'h5';
    /** AppID of the mini-program being built (overrides project.config.json's appid) */
    TARO_APP_ID?: string;
    /** Build-time: see HONGLIN_API_BASE */
    HONGLIN_API_BASE?: string;
  }
}
