import { colourWanted } from '../../codemods/runner/colors';

describe('CLI colours', () => {
  it('colour a terminal only, whatever CI says', () => {
    expect(colourWanted({ CI: 'true' }, false)).toBe(false);
    expect(colourWanted({}, false)).toBe(false);
    expect(colourWanted({ TERM: 'xterm' }, true)).toBe(true);
  });

  it('NO_COLOR, FORCE_COLOR and a dumb terminal have the last word', () => {
    expect(colourWanted({ NO_COLOR: '', FORCE_COLOR: '1' }, true)).toBe(false);
    expect(colourWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colourWanted({ FORCE_COLOR: '0' }, true)).toBe(false);
    expect(colourWanted({ TERM: 'dumb' }, true)).toBe(false);
  });
});
