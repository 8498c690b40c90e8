"""factory_boy factories for the members app; each app's tests add their own beside this one."""

import factory
from allauth.account.models import EmailAddress

from members.models import Membership, Organisation, Person, Province, Topic, User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        # Accounts made by tests have a verified primary address, as a real member would.
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)
        if create:
            self.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    kind = Organisation.Kind.MUNICIPALITY
    municipality_level = Organisation.MunicipalityLevel.CITY
    name_th = factory.Sequence(lambda n: f"เทศบาลทดสอบ {n}")
    name_en = factory.Sequence(lambda n: f"Test Municipality {n}")
    slug = factory.Sequence(lambda n: f"test-org-{n}")
    region = "north"
    province = factory.LazyFunction(lambda: Province.objects.get(code="chiang-rai"))
    status = Organisation.Status.ACTIVE


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    name_th = factory.Sequence(lambda n: f"สมชาย ทดสอบ{n}")
    name_en = factory.Sequence(lambda n: f"Somchai Test{n}")
    position = "Officer"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


def topic(slug: str = "flooding") -> Topic:
    return Topic.objects.get(slug=slug)
