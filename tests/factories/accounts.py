import factory
from django.contrib.auth.models import Group

from solidarity.accounts.models import User
from solidarity.accounts.roles import GROUP_NAMES, Role

PASSWORD = "correct-horse-battery-staple"


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


def user_with_role(role: Role | None, **kwargs) -> User:
    """A user in the role's group (ADMIN is a superuser); None gives a user with no role."""
    if role == Role.ADMIN:
        kwargs.setdefault("is_superuser", True)
        kwargs.setdefault("is_staff", True)
    user = UserFactory(**kwargs)
    if role is not None:
        user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    return user
