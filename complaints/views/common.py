"""What the complaints pages share: who may open them."""

from accounts.access import role_required
from accounts.models import Role

#: The roles the complaints pages serve; what each sees is narrowed to their service.
COMPLAINT_PAGE_ROLES = (Role.COMPLAINTS_OFFICER, Role.MANAGER, Role.ADMINISTRATOR)

complaints_staff_only = role_required(COMPLAINT_PAGE_ROLES)
