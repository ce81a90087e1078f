"""The public authpi-admin SDK against our Core API, unchanged."""

from authpi_admin import AuthPIAdmin


async def test_admin_sdk_reads_the_seeded_issuer(dev: dict) -> None:
    async with AuthPIAdmin(
        api_key=(dev["api_key_id"], dev["api_key_secret"]),
        account_id=dev["account_id"],
        base_url=dev["core_api_url"],
    ) as admin:
        issuer = await admin.issuers.get(dev["issuer_id"])
    assert issuer.id == dev["issuer_id"]
    assert issuer.account_id == dev["account_id"]
    assert issuer.status == "active"
