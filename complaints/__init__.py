"""The complaints officer's register under the Welsh model concerns and complaints policy."""
