export const id = 250;
export const ids = [250];
export const modules = {

/***/ 4250:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   measureCommand: () => (/* binding */ measureCommand)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var _engine_result_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1232);
/* harmony import */ var _engine_units_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4358);
/* harmony import */ var _sources_run_command_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2890);
/* harmony import */ var _sources_command_platform_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6560);
/* harmony import */ var _sources_source_fault_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1111);






// Measures `command` checks; `command.ts` describes the type. Loaded on first use,
// so a policy without such a check never loads the readers below.
const DEFAULT_TIMEOUT = '5m';
async function measureCommand(spec, environment) {
    const config = readConfig(spec, environment);
    if (!config.ok)
        return config;
    const { argv, timeoutMs, cwd, env, expectExit } = config.value;
    const run = await (0,_sources_run_command_js__WEBPACK_IMPORTED_MODULE_2__/* .runCommand */ .d1)({ argv, cwd, env, timeoutMs, label: spec.name });
    if (!run.ok)
        return run;
    const outcome = run.value;
    const verdict = judge((0,_sources_run_command_js__WEBPACK_IMPORTED_MODULE_2__/* .formatCommand */ .fE)(argv), outcome, expectExit, timeoutMs);
    return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_3__.ok)({
        measurements: { 'exit-code': outcome.exitCode, 'duration-ms': outcome.durationMs },
        samples: null,
        evidence: {
            command: argv,
            cwd: node_path__WEBPACK_IMPORTED_MODULE_0__.relative(environment.workspace, cwd) || '.',
            exitCode: outcome.exitCode,
            signal: outcome.signal,
            timedOut: outcome.timedOut,
            durationMs: outcome.durationMs,
            expectExit,
            outputTail: outcome.tail,
        },
        verdict: { ...verdict, value: outcome.exitCode, threshold: expectExit.join(', ') },
    });
}
function judge(shown, outcome, expectExit, timeoutMs) {
    const took = (0,_engine_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(outcome.durationMs);
    const lastLine = [...outcome.tail].reverse().find((line) => line.trim() !== '');
    const output = lastLine ? `: ${lastLine.trim()}` : '';
    if (outcome.timedOut)
        return { status: 'fail', message: `\`${shown}\` timed out after ${(0,_engine_units_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(timeoutMs)}; killed it and its child processes${output}` };
    if (outcome.exitCode === null)
        return { status: 'fail', message: `\`${shown}\` was killed by ${outcome.signal ?? 'a signal'} after ${took}${output}` };
    if (expectExit.includes(outcome.exitCode))
        return { status: 'pass', message: `\`${shown}\` exited with ${outcome.exitCode} in ${took}` };
    return { status: 'fail', message: `\`${shown}\` exited with ${outcome.exitCode} (expected ${expectExit.join(' or ')}) after ${took}${output}` };
}
function readConfig(spec, environment) {
    const problem = (message) => (0,_sources_source_fault_js__WEBPACK_IMPORTED_MODULE_4__/* .fault */ .D)('config', `check \`${spec.name}\`: ${message}`);
    const unsupported = (0,_sources_command_platform_js__WEBPACK_IMPORTED_MODULE_5__/* .commandPlatformProblem */ .E)('type `command`');
    if (unsupported !== null)
        return problem(unsupported);
    const { run, timeout, cwd, env } = spec.entry;
    if (typeof run === 'string') {
        return problem(`\`run\` must be a list of arguments such as [npm, run, smoke], got the string ${JSON.stringify(run)}; commands never go through a shell, so give the program and each argument as list items`);
    }
    const argv = scalarList(run);
    if (!argv || argv.length === 0)
        return problem('`run` must be a non-empty list: the program, then its arguments, e.g. [npm, run, smoke]');
    const timeoutMs = (0,_engine_units_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(timeout ?? DEFAULT_TIMEOUT);
    if (!timeoutMs.ok || timeoutMs.value <= 0)
        return problem(`\`timeout\`: ${timeoutMs.ok ? 'must be more than 0' : timeoutMs.error}`);
    if (cwd !== undefined && typeof cwd !== 'string')
        return problem(`\`cwd\` must be a folder relative to the workspace, got ${JSON.stringify(cwd)}`);
    const extraEnv = scalarMap(env ?? {});
    if (!extraEnv)
        return problem(`\`env\` must be a mapping of names to values, got ${JSON.stringify(env)}`);
    const expectExit = exitCodes(spec.entry['expect-exit'] ?? 0);
    if (!expectExit)
        return problem(`\`expect-exit\` must be an exit code or a list of them (0–255), got ${JSON.stringify(spec.entry['expect-exit'])}`);
    return (0,_engine_result_js__WEBPACK_IMPORTED_MODULE_3__.ok)({
        argv,
        timeoutMs: timeoutMs.value,
        cwd: node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(environment.workspace, cwd ?? '.'),
        env: { ...definedOnly(environment.env), ...extraEnv },
        expectExit,
    });
}
/** YAML reads `[sleep, 1]` with a number; arguments are text, so scalars are turned into strings. */
function scalarList(raw) {
    if (!Array.isArray(raw) || !raw.every(isScalar))
        return undefined;
    return raw.map(String);
}
function scalarMap(raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return undefined;
    const entries = Object.entries(raw);
    if (!entries.every(([, value]) => isScalar(value)))
        return undefined;
    return Object.fromEntries(entries.map(([name, value]) => [name, String(value)]));
}
function exitCodes(raw) {
    const codes = Array.isArray(raw) ? raw : [raw];
    const valid = codes.length > 0 && codes.every((code) => Number.isInteger(code) && code >= 0 && code <= 255);
    return valid ? codes : undefined;
}
function isScalar(value) {
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
function definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((entry) => entry[1] !== undefined));
}


/***/ })

};
