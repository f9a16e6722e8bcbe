// Ctrl + wheel presses the diagram's own zoom buttons (so Blazor keeps the one zoom state); a mouse drag pans the
// viewport. Touch and keyboard panning are the browser's own scrolling.
export function attach(viewport) {
  if (!viewport || viewport.dataset.attached) return;
  viewport.dataset.attached = "1";
  const box = viewport.closest("[data-testid='lineage']");
  viewport.addEventListener("wheel", e => {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    const button = box?.querySelector(`[data-zoom='${e.deltaY < 0 ? "in" : "out"}']`);
    if (button && !button.disabled) button.click();
  }, { passive: false });

  let drag = null;
  viewport.addEventListener("pointerdown", e => {
    if (e.pointerType !== "mouse" || e.button !== 0) return;
    drag = { x: e.clientX, y: e.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, moved: false };
  });
  viewport.addEventListener("pointermove", e => {
    if (!drag) return;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!drag.moved) viewport.setPointerCapture(e.pointerId);
    drag.moved = true;
    viewport.classList.add("dragging");
    viewport.scrollLeft = drag.left - dx;
    viewport.scrollTop = drag.top - dy;
  });
  const end = () => { setTimeout(() => viewport.classList.remove("dragging"), 0); drag = drag?.moved ? { ended: true } : null; };
  viewport.addEventListener("pointerup", end);
  viewport.addEventListener("pointercancel", end);
  // A drag that ends over a node is a pan, not a click on it.
  viewport.addEventListener("click", e => {
    if (drag?.ended) { e.preventDefault(); e.stopPropagation(); }
    drag = null;
  }, true);
}

export function drawnWidth(viewport) {
  return viewport?.querySelector("svg")?.getBoundingClientRect().width ?? 0;
}
