// Names Redoc 2.5.1 does not give, added after it renders (decision 0014). No Redoc option covers them:
// - its content-type switch is a <select> with no name (axe select-name, critical); the visible words next to it
//   are "Content type", so that becomes its aria-label;
// - its side-menu operations carry aria-label = the summary while the visible text is "post Summary", so the
//   spoken name lacks the verb the sighted reader sees (axe label-content-name-mismatch, WCAG 2.5.3); the label
//   is dropped, so the name is the visible text itself (a menuitem takes its name from its content).
// Redoc renders lazily and re-renders panels, so every change under <redoc> is labelled again.
const root = document.querySelector('redoc') ?? document.body;

function label() {
    for (const select of root.querySelectorAll('select:not([aria-label])')) {
        select.setAttribute('aria-label', 'Content type');
    }
    for (const item of root.querySelectorAll('li[role="menuitem"][aria-label]')) {
        if (item.querySelector(':scope > label > .operation-type')) {
            item.removeAttribute('aria-label');
        }
    }
}

label();
new MutationObserver(label).observe(root, {childList: true, subtree: true});
