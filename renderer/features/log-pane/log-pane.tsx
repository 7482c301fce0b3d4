import { useEffect, useMemo, useRef } from 'react';
import type { LogLineDto } from '../../../shared/api/types';
import { LOG_LEVELS, type LogLevel } from '../../store/server-slice';
import { useAppStore } from '../../store/store-context';
import { LocalTime } from '../common/local-time';
import { LOG_TOGGLE_ID, focusById } from '../common/focus-targets';

const STANDARD_KEYS = new Set(['time', 'level', 'msg']);

function fieldsOf(line: LogLineDto): string {
  return Object.entries(line)
    .filter(([key]) => !STANDARD_KEYS.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
}

/** The server's structured log from the stream, filtered by level; collapsible. */
export function LogPane() {
  const open = useAppStore((s) => s.logOpen);
  const setOpen = useAppStore((s) => s.setLogOpen);
  const lines = useAppStore((s) => s.logLines);
  const level = useAppStore((s) => s.logLevel);
  const setLevel = useAppStore((s) => s.setLogLevel);
  const clear = useAppStore((s) => s.clearLog);
  const listRef = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => {
    const min = LOG_LEVELS.indexOf(level);
    return lines.filter((line) => LOG_LEVELS.indexOf(line.level as LogLevel) >= min);
  }, [lines, level]);
  useEffect(() => {
    const list = listRef.current;
    if (list && list.scrollHeight - list.scrollTop - list.clientHeight < 40) {
      list.scrollTop = list.scrollHeight;
    }
  }, [shown, open]);
  if (!open) return null;
  return (
    <section className="log-pane" aria-label="Server log">
      <div className="log-head">
        <strong>Server log</strong>
        <label>
          <span className="muted">Level </span>
          <select
            className="select"
            value={level}
            onChange={(event) => setLevel(event.target.value as LogLevel)}
            aria-label="Lowest log level shown"
          >
            {LOG_LEVELS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">{shown.length} lines</span>
        <div className="toolbar-spacer" />
        <button type="button" className="button small ghost" onClick={clear}>
          Clear
        </button>
        <button
          type="button"
          className="button small ghost"
          onClick={() => {
            setOpen(false);
            // The pane and its Close go away: the focus goes back to the Log button.
            focusById(LOG_TOGGLE_ID);
          }}
        >
          Close
        </button>
      </div>
      {/* Focusable: the lines scroll, from the keyboard too. */}
      <div className="log-lines mono" ref={listRef} role="log" tabIndex={0} aria-label="Server log">
        {shown.length === 0 ? <div className="muted">No log lines at this level yet.</div> : null}
        {shown.map((line, index) => (
          <div key={index} className={`log-line level-${line.level}`}>
            <LocalTime className="log-time" at={line.time} format="clock" />
            <span className="log-level">{line.level}</span>
            <span className="log-msg">{line.msg}</span>
            <span className="log-fields">{fieldsOf(line)}</span>
          </div>
        ))}
      </div>
    </section>
  );
}
