import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseArgs, UsageError } from './cli-args';

const env = { HOME: '/home/ada' };

describe('hitscope command line', () => {
  it('has defaults for every serve option', () => {
    expect(parseArgs(['serve'], { XDG_DATA_HOME: '/data' })).toEqual({
      command: 'serve',
      port: 8765,
      host: '127.0.0.1',
      dataDir: '/data/hitscope',
      debugMode: 'on-demand',
      maxHits: 100_000,
      logLevel: 'info',
      explicit: [],
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const command = parseArgs(
      [
        'serve',
        '--port=0',
        '--host',
        '0.0.0.0',
        '--data-dir',
        '/tmp/h',
        '--token',
        'abc',
        '--debug',
        'always',
        '--max-hits=50',
        '--sites',
        'sites.json',
        '--log-level',
        'debug',
      ],
      env,
    );
    expect(command).toEqual({
      command: 'serve',
      port: 0,
      host: '0.0.0.0',
      dataDir: '/tmp/h',
      token: 'abc',
      debugMode: 'always',
      maxHits: 50,
      sitesFile: 'sites.json',
      logLevel: 'debug',
      explicit: ['debugMode', 'maxHits', 'sites'],
    });
  });

  it('takes the token from HITSCOPE_TOKEN when no flag is given, the flag first', () => {
    expect(parseArgs(['serve'], { HITSCOPE_TOKEN: 'from-env' })).toMatchObject({
      token: 'from-env',
    });
    expect(parseArgs(['serve', '--token', 'flag'], { HITSCOPE_TOKEN: 'env' })).toMatchObject({
      token: 'flag',
    });
    expect(parseArgs(['serve'], { HITSCOPE_TOKEN: '' })).not.toHaveProperty('token');
  });

  it('answers --help and --version wherever they appear', () => {
    expect(parseArgs(['--help'], env)).toEqual({ command: 'help' });
    expect(parseArgs(['serve', '--port', '1', '--help'], env)).toEqual({ command: 'help' });
    expect(parseArgs(['--version'], env)).toEqual({ command: 'version' });
  });

  it.each([
    [[], /Missing the command/],
    [['start'], /Unknown command "start"/],
    [['serve', '--prot', '1'], /Unknown option --prot/],
    [['serve', '--port'], /--port needs a value/],
    [['serve', '--port', '--host', 'x'], /--port needs a value/],
    [['serve', '--port', 'eighty'], /--port must be an integer from 0 to 65535, got "eighty"/],
    [['serve', '--port', '70000'], /--port must be an integer/],
    [['serve', '--debug', 'sometimes'], /--debug must be one of off, on-demand, always/],
    [['serve', '--max-hits', '0'], /--max-hits must be an integer from 1/],
    [['serve', '--log-level', 'loud'], /--log-level must be one of/],
    [['serve', '--token', 'has space'], /printable characters without spaces/],
    [['serve', '--port', '1', '--port', '2'], /--port is given twice/],
    [['serve', 'extra'], /Unexpected argument "extra"/],
  ])('refuses %j with a clear message', (argv, message) => {
    expect(() => parseArgs(argv as string[], env)).toThrow(UsageError);
    expect(() => parseArgs(argv as string[], env)).toThrow(message);
  });

  it('puts data in the per-user data folder of each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.local/share/hitscope');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/ada')).toBe('/x/hitscope');
    expect(defaultDataDir({}, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/hitscope',
    );
    expect(defaultDataDir({ APPDATA: 'C:\\AppData' }, 'win32', 'C:\\Users\\ada')).toContain(
      'hitscope',
    );
  });
});
