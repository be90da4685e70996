import { createMain } from '../common/runtime';
import { me } from './me';

export const actions = { me };

export const main = createMain('user', actions);
