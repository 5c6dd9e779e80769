// The --help text. Kept under 80 columns; every flag the parser accepts is listed (a test checks).
import {EXIT_CODES} from './exit-codes.js';

export function usageText(version: string): string {
	return `census-watch ${version}: watch Census sync runs live in the terminal

Usage
  census-watch [RUN_ID ...] [--sync SYNC_ID ...] [--all] [options]
  census-watch doctor [--api v1|v2|auto] [--group ID] [--json] [options]
  census-watch completion bash|zsh|fish    print a shell completion script

  With no run ids, --sync or --all, the saved watch list is resumed; with
  none saved, every sync in the workspace is followed.

What to watch
  RUN_ID               watch these sync runs
  --sync SYNC_ID       follow a sync: its newest runs, and new runs as they
                       start (repeatable)
  --all                follow every sync in the workspace

  doctor               check the API read-only (one sync, one run, per API
                       version) and print what it answered, for bug reports

Connection
  --token TOKEN        API token: an Activations personal access token for
                       API v2, a workspace token for v1 (prefer
                       CENSUS_API_TOKEN: a flag shows in the process list)
  --api v1|v2|auto     Census API version (default auto: v2 if it takes the
                       token, else v1; remembered per host). v1 retires on
                       2027-01-15
  --group ID           Fivetran group id, sent as group_id on v2 lists
  --region us|eu       Census's US (default) or EU API host
  --base-url URL       API root, e.g. http://127.0.0.1:4010/api/v2; ending in
                       /api/v1 or /api/v2 fixes the version. A token never
                       goes over plain http except to loopback
  --profile NAME       a profile from the config file
  --workspace-id ID    workspace id, for links into the Census web app
  --demo               run the built-in simulator: no token, no network

Polling
  --interval SECONDS   poll working runs this often (default 5, at least 1)
  --budget N           at most N API requests per minute
  --low-bandwidth      fewer bytes to the terminal: no animation, fewer frames;
                       on by itself over SSH (SSH_CONNECTION or SSH_TTY set)

Output
  --once               print the watched runs' state and exit
  --json               JSON output (with --once, --exit-status, or one line
                       per change)
  --exit-status        wait until every watched run ends; exit 0 if all
                       completed, 1 otherwise
  --timeout DURATION   with --exit-status: give up after 90, 30s, 5m, 1h
  --fail-fast          with --exit-status: exit as soon as a run fails
  --ignore-skipped     with --exit-status: skipped runs are no failure
  --history N          with --once or plain output: each sync's median, p90,
                       failure rate and streak over its last N runs (1-50)
  --notify WHEN        bell and desktop notification when a watched run
                       ends: failures (default), all, or none
  --read-only          never trigger or cancel runs
  --no-animation       steady glyphs instead of spinners
  --no-mouse           leave the mouse to the terminal (no wheel, no clicks)
  --ascii              only ASCII: glyphs, borders and text from the API
  --no-color           no colour (NO_COLOR is honoured too)
  --debug              log requests and timings to the log file
  -h, --help           show this help
  --version            show the version

Environment
  CENSUS_API_TOKEN     the API token (personal access token or workspace)
  NO_COLOR             no colour when set
  XDG_CONFIG_HOME      config: $XDG_CONFIG_HOME/census-watch/config.json
                       (default ~/.config/census-watch/config.json)
  XDG_STATE_HOME       watch list and log: $XDG_STATE_HOME/census-watch/
                       (default ~/.local/state/census-watch/)

Config file
  {"default_profile": "prod",
   "profiles": {"prod": {"region": "eu", "token_env": "CENSUS_PROD_TOKEN",
                         "workspace_id": 1234, "interval": 10,
                         "read_only": true}}}
  Profile keys: region, base_url, api, group_id, token, token_env,
  workspace_id, interval, read_only. Precedence: flags, then
  CENSUS_API_TOKEN, then the profile.

Exit codes
  ${EXIT_CODES.ok}   ok
  ${EXIT_CODES.runNotCompleted}   --exit-status: a watched run did not complete
  ${EXIT_CODES.usage}   bad flag or value, bad config, no token
  ${EXIT_CODES.tokenRejected}   the Census API rejected the token, or its root is gone
      (v1 retired, or no Census API at --base-url); doctor: no version works
  ${EXIT_CODES.apiUnreachable}   the Census API could not be reached (no answer at all)
  ${EXIT_CODES.timeout}   runs still going: after --timeout, or at --once
  ${EXIT_CODES.incomplete}   --once, --exit-status: some runs could not be read (named on stderr)
  ${EXIT_CODES.internal}  internal error (details in the log file)

Examples
  census-watch --demo
  census-watch 4821977 4821980
  census-watch --sync 1201 --sync 1202 --region eu
  census-watch 4821977 --exit-status --timeout 30m && echo synced
  census-watch doctor --json > census-doctor.json
`;
}
