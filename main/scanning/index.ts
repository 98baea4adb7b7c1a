/** Scanning drivers and page work (the port itself is core/scanning). */
export { BLANK, detectBlank, inspectImage, JPEG_QUALITY, MAX_INPUT_BYTES, MAX_INPUT_PIXELS, preparePage, THUMBNAIL_QUALITY, THUMBNAIL_WIDTH } from './pages.js';
export type { BlankThresholds, Blankness, Crop, ImageInfo, PageWork, PreparedPage, Rotation } from './pages.js';
export { parsePnm, pnmToPng, type PnmImage } from './pnm.js';
export { planScan } from './sane-plan.js';
export { SaneScanner, type SaneScannerOptions } from './sane.js';
