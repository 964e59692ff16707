// On an exported page the engine compiled for the browser answers the widgets, in a Web Worker.
// Where a widget asks it for its first drawing, this script starts that worker while the page is
// still being parsed (the layout puts it first in <head>, on such pages only: FirstDrawing.java),
// so that the engine compiles and reads the data set while the page loads. A worker started by a
// later script waits until KaTeX and the page's other scripts have run. lib/guide-api.js takes
// the worker over at the first question.
// (Opened from the disk, a page can start no worker; its widgets say how to see them.)
if (location.protocol !== 'file:') {
  window.guideEngineWorker = new Worker(new URL('../../engine/worker.js', document.currentScript.src));
}
