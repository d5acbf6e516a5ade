// Names for the admin's scripted widgets, which Django's own scripts leave without one that
// axe-core (WCAG 2.2 AA) accepts. Every admin page loads this (templates/admin/base_site.html);
// tests/web/test_admin_browser.py checks every model's pages with axe.
'use strict';
{
    // A many-to-many box's filter (SelectFilter2.js): its only label is an icon <span> named
    // with aria-label, which ARIA does not allow on an element without a role.
    function nameFilterIcons(root) {
        root.querySelectorAll('.search-label-icon[aria-label]:not([role])').forEach((icon) => {
            icon.setAttribute('role', 'img');
        });
    }

    // An autocomplete box (Select2): the combobox is labelled by the choice shown in it, which
    // is empty until one is chosen; its field's own label is added before the choice.
    function nameAutocompletes(root) {
        root.querySelectorAll('select.admin-autocomplete[id]').forEach((select) => {
            const label = document.querySelector(`label[for="${select.id}"]`);
            const container = select.nextElementSibling;
            if (!label || !container || !container.classList.contains('select2')) {
                return;
            }
            label.id = label.id || `${select.id}-label`;
            const combobox = container.querySelector('.select2-selection[role="combobox"]');
            const shown = container.querySelector('.select2-selection__rendered');
            if (combobox && shown) {
                shown.id = shown.id || `${select.id}-shown`;
                combobox.setAttribute('aria-labelledby', `${label.id} ${shown.id}`);
                shown.setAttribute('aria-labelledby', label.id);
            }
        });
    }

    // A list's editable cells (``list_editable``) have no label: each is named by its column's
    // heading and its row's object, as "Active: Noise".
    function nameListCells(root) {
        const list = root.querySelector('#result_list');
        if (!list) {
            return;
        }
        // A sorted column's heading also holds its sort priority ("1"): its words are in .text.
        const headings = Array.from(
            list.querySelectorAll('thead th'),
            (th) => (th.querySelector('.text') || th).textContent.trim(),
        );
        list.querySelectorAll('tbody tr').forEach((row) => {
            const object = row.querySelector('th');
            Array.from(row.children).forEach((cell, column) => {
                cell.querySelectorAll('input:not([type="hidden"]), select, textarea').forEach((field) => {
                    if (field.labels?.length || field.hasAttribute('aria-label') || !headings[column]) {
                        return;
                    }
                    const name = object ? `${headings[column]}: ${object.textContent.trim()}` : headings[column];
                    field.setAttribute('aria-label', name);
                });
            });
        });
    }

    function nameWidgets() {
        nameFilterIcons(document);
        nameAutocompletes(document);
        nameListCells(document);
    }

    // Django makes these widgets on the window's load (SelectFilter2.js) and on jQuery's
    // ready (autocomplete.js), and again for an inline row added: name them after each.
    window.addEventListener('load', () => setTimeout(nameWidgets));
    document.addEventListener('formset:added', () => setTimeout(nameWidgets));
}
