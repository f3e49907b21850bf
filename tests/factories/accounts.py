import factory
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.contrib.auth.models import Group

from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, STAFF_ROLES, Role

PASSWORD = "correct-horse-battery-staple"
# Staff made by user_with_role have TOTP with this secret (base32), as staff must (issue 4).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_code(secret: str = TOTP_SECRET, *, step: int = 0) -> str:
    """The authenticator app's current code (`step` periods later: codes are single-use).

    The test settings accept the code of the period before and after (MFA_TOTP_TOLERANCE = 1),
    so a code computed now is still good when a journey types it seconds later.
    """
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


def user_with_role(role: Role | None, *, mfa: bool | None = None, **kwargs) -> User:
    """A user in the role's group (ADMIN is a superuser); None gives a user with no role.

    Staff get a TOTP authenticator unless `mfa=False`, as the admin requires one.
    """
    if role == Role.ADMIN:
        kwargs.setdefault("is_superuser", True)
        kwargs.setdefault("is_staff", True)
    user = UserFactory(**kwargs)
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    if mfa if mfa is not None else role in STAFF_ROLES:
        TOTP.activate(user, TOTP_SECRET)
    return user
