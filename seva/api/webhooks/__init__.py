"""Outbound webhooks: complaint events recorded as deliveries (`recording`), signed
(`signing`) and sent by a worker outside any transaction (`sending`, `worker`)."""
