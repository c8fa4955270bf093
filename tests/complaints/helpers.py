from seva.complaints.models import Complaint
from seva.complaints.services import complaint_register
from seva.directory.models import Platform


def register(
    unit=None, *, text="Mere ghar me chori ho gayi, thana FIR nahi likh raha", **extra
) -> Complaint:
    """A citizen's post on X, registered at `unit` (state HQ when None)."""
    fields = {
        "platform": Platform.X,
        "external_user_id": "1001",
        "handle": "citizen_ram",
        "display_name": "Ram Kumar",
        "text": text,
        "channel": Platform.X,
        "unit": unit,
    }
    fields.update(extra)
    return complaint_register(**fields)
