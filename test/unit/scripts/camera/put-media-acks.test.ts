import { AckStreamError, createAckParser, describeAck } from '../../../../scripts/camera/put-media-acks';

const STREAM = [
  '{"EventType":"BUFFERING","FragmentTimecode":1767225600000,"FragmentNumber":"91343852333181432392682062607743920146264421"}',
  '{"EventType":"RECEIVED","FragmentTimecode":1767225600000,"FragmentNumber":"91343852333181432392682062607743920146264421"}',
  '{"EventType":"IDLE"}',
  '{"EventType":"ERROR","FragmentTimecode":1767225601000,"ErrorId":4004,"ErrorCode":"FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS"}',
].join('\n');

describe('PutMedia acknowledgement parser', () => {
  it('parses newline-separated acknowledgements however the stream is split', () => {
    const whole = createAckParser();
    const expected = [...whole.push(STREAM), ...whole.end()];
    expect(expected.map((ack) => ack.EventType)).toEqual(['BUFFERING', 'RECEIVED', 'IDLE', 'ERROR']);
    expect(expected[3]).toEqual({ EventType: 'ERROR', FragmentTimecode: 1767225601000, ErrorId: 4004, ErrorCode: 'FRAGMENT_TIMECODE_LESSER_THAN_PREVIOUS' });
    const bytes = Buffer.from(`${STREAM}\r\n`);
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const parser = createAckParser();
      expect([...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut)), ...parser.end()]).toEqual(expected);
    }
  });

  it('describes acknowledgements for progress lines', () => {
    const [error] = createAckParser().push('{"EventType":"ERROR","FragmentTimecode":5,"ErrorId":4006,"ErrorCode":"INVALID_MKV_DATA"}\n');
    expect(describeAck(error as never)).toBe('ERROR INVALID_MKV_DATA (4006) at fragment 5');
    expect(describeAck({ EventType: 'PERSISTED', FragmentTimecode: 7 })).toBe('PERSISTED fragment 7');
  });

  it('rejects lines that are not acknowledgements', () => {
    expect(() => createAckParser().push('<html>\n')).toThrow(AckStreamError);
    expect(() => createAckParser().push('{"EventType":"DONE"}\n')).toThrow(/unknown acknowledgement/);
  });
});
