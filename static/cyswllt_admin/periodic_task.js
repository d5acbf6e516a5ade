// A periodic task's crontab in words (django-celery-beat's inline script, moved here so that
// the Content-Security-Policy lets it run): the words follow the crontab chosen, in the
// page's language, as the server wrote them (common/cron_wording.py).
'use strict';
{
    const words = document.getElementById('readable-crontabs');
    const crontab = document.getElementById('id_crontab');
    const shown = document.querySelector('.field-crontab_translation .readonly');
    if (words && crontab && shown) {
        const readable = JSON.parse(words.textContent);
        crontab.addEventListener('change', () => {
            shown.textContent = readable[crontab.value] || '-';
        });
    }
}
