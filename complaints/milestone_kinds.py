"""The milestone kinds of a complaint's stages and their names (no other imports, so the case
pages can name them without importing the complaints app)."""

from django.utils.translation import gettext_lazy as _

STAGE1_ACKNOWLEDGE = "acknowledge"
STAGE1_RESOLVE = "contact"
STAGE2_ACKNOWLEDGE = "stage2_acknowledge"
STAGE2_RESPOND = "respond"

#: Kinds only complaints have, named on every page that lists a case's milestones.
OWN_KIND_LABELS = {STAGE2_ACKNOWLEDGE: _("Stage 2: acknowledge")}

#: Names of the stage milestones on the complaint's own page.
STAGE_LABELS = {
    STAGE1_ACKNOWLEDGE: _("Stage 1: acknowledge"),
    STAGE1_RESOLVE: _("Stage 1: resolve"),
    STAGE2_ACKNOWLEDGE: _("Stage 2: acknowledge"),
    STAGE2_RESPOND: _("Stage 2: full response"),
}
