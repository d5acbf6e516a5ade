"""County councillors, their wards, and the enquiries they raise for residents."""
