import type { ScanReport, ScannedCall } from '../scan/model.js';

/** The whole report; `--baseline` reads the fingerprints of its findings back. */
export const renderScanJson = (report: ScanReport): string => JSON.stringify(report, null, 2) + '\n';

/** One analyzed call per line, written as the scan goes. */
export const scanNdjsonLine = (call: ScannedCall): string => JSON.stringify(call) + '\n';
