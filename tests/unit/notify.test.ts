import { messageData } from '../../cloudfunctions/common/notify';

/** Subscribe-message data from the fields the code sends and the keywords a town's template gives them. */
describe('messageData', () => {
  it('puts each field under the keyword the template configuration gives it', () => {
    const fields = { subject: 'thing2', status: 'phrase5', note: 'thing7', time: 'time3' };
    expect(
      messageData(fields, {
        subject: '求助：门前水沟堵了',
        status: '已签收',
        note: '邻长赵邻长已签收',
        time: '2026-11-28 09:30',
      }),
    ).toEqual({
      ok: true,
      data: {
        thing2: { value: '求助：门前水沟堵了' },
        phrase5: { value: '已签收' },
        thing7: { value: '邻长赵邻长已签收' },
        time3: { value: '2026-11-28 09:30' },
      },
    });
  });

  it('cuts each value to its keyword type: thing 20 with an ellipsis, phrase 5, a time as it is', () => {
    const long = '门前的水沟堵住了，下雨就淹到屋里，老人家出不了门，请帮忙看看';
    const answer = messageData(
      { subject: 'thing1', status: 'phrase2', time: 'time4' },
      { subject: long, status: '群众评价不满意', time: '2026年11月28日 09:30' },
    );
    expect(answer).toEqual({
      ok: true,
      data: {
        thing1: { value: `${long.slice(0, 19)}…` },
        phrase2: { value: '群众评价不' },
        time4: { value: '2026年11月28日 09:30' },
      },
    });
    if (answer.ok) expect(answer.data.thing1.value).toHaveLength(20);
  });

  it('names a field the configuration gives no keyword, instead of sending a message WeChat would refuse', () => {
    expect(messageData({ subject: 'thing1' }, { subject: '承诺', note: '说明' })).toEqual({
      ok: false,
      unmapped: 'note',
    });
  });
});
