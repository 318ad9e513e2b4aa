"""The people a mail measure needs, made in the portal's database: verified officers and political
representatives of member cities who log in, threads started by the first officer, and followers of those
threads; the posts written in them afterwards. Its lower half runs inside `manage.py shell` (through
`call_in`), where it imports the portal; the tools themselves never do.

Who follows what is fixed here before anyone posts (every officer follows every thread, so a reply makes none
of them a new follower), so that the tools can tell who must get which mail from this cast alone.
"""

import hashlib

from perf.harness.processes import orm

PASSWORD = "correct horse battery staple"  # noqa: S105 - made-up people on a throw-away database


def call_in(env: dict, name: str, *args, **kwargs):
    """Calls this module's function `name` inside `manage.py shell` on the database of `env`; its result."""
    arguments = ", ".join([*map(repr, args), *(f"{key}={value!r}" for key, value in kwargs.items())])
    return orm(env, f"from perf.harness.mail_cast import {name}\nresult = {name}({arguments})")


def cast_in(env: dict, prefix: str, **counts) -> dict:
    """Makes the cast in the database of `env` (officers=, followers=, politicians=, threads=); see `make`."""
    return call_in(env, "make", prefix, **counts)


def posts_in(env: dict, thread_ids: list[int]) -> list[dict]:
    """The replies in those threads: [{id, thread, author}] (author: an email address)."""
    return call_in(env, "replies", thread_ids)


def message_id_local_part(key: str) -> str:
    """The Message-ID's part before @ of the outbox mail with this idempotency key (core.delivery._message)."""
    return hashlib.sha256(key.encode()).hexdigest()[:40]


def followers_mails(cast: dict, posts: list[dict]) -> dict[str, str]:
    """{idempotency key: address} of the mails the replies must bring: one to each follower of the reply's
    thread but its author (core.mail keys them "topics.reply.<post>:<address>")."""
    followers = {thread["id"]: set(thread["followers"]) for thread in cast["threads"]}
    return {
        f"topics.reply.{post['id']}:{address}": address
        for post in posts
        for address in sorted(followers[post["thread"]] - {post["author"]})
    }


# -- inside `manage.py shell`


def make(prefix: str, *, officers: int, followers: int, politicians: int = 0, threads: int = 1) -> dict:
    """{officers: [address], politicians: [address], threads: [{id, url, followers: [address]}]}; addresses
    are `<prefix>-<role>-<n>@example.org`, lower case."""
    import factory
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.models import Affiliation, User
    from cities.models import City
    from devdata.factories import AffiliationFactory, ThreadFactory, UserFactory, topic
    from topics.models import Subscription

    password = factory.Transformer.Force(make_password(PASSWORD))  # one hash for all
    roles = {"officer": officers, "politician": politicians, "follower": followers}
    addresses = {role: [f"{prefix}-{role}-{n}@example.org" for n in range(count)] for role, count in roles.items()}
    cities = list(City.objects.members().order_by("pk")[:10])
    with transaction.atomic():
        User.objects.bulk_create(
            [UserFactory.build(email=address, full_name=address.split("@")[0], password=password)
             for role in roles for address in addresses[role]]
        )
        users = {user.email: user for user in User.objects.filter(email__startswith=f"{prefix}-")}
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users.values()]
        )
        Affiliation.objects.bulk_create(
            [AffiliationFactory.build(user=users[address], city=cities[n % len(cities)], role=role, job_title=title)
             for kind, role, title in (("officer", Affiliation.Role.OFFICER, "Mobility officer"),
                                       ("politician", Affiliation.Role.REPRESENTATIVE, "Mayor"))
             for n, address in enumerate(addresses[kind])]
        )
        made = []
        for number in range(threads):
            thread = ThreadFactory(author=users[addresses["officer"][0]], topic=topic(),
                                   title=f"{prefix}: how did your pilot {number} go?")
            # Follower n follows thread n % threads, and every other one the next thread too.
            following = [address for n, address in enumerate(addresses["follower"])
                         if number in {n % threads, (n + n % 2) % threads}]
            following += addresses["officer"]
            Subscription.objects.bulk_create([Subscription(user=users[a], thread=thread) for a in following])
            made.append({"id": thread.pk, "url": thread.get_absolute_url(), "followers": following})
    return {"officers": addresses["officer"], "politicians": addresses["politician"], "threads": made}


def replies(thread_ids: list[int]) -> list[dict]:
    from topics.models import Post

    posts = Post.objects.filter(thread_id__in=thread_ids, is_first=False).order_by("pk")
    return [{"id": pk, "thread": thread, "author": author.lower()}
            for pk, thread, author in posts.values_list("pk", "thread_id", "author__email")]


def remove(prefix: str) -> int:
    """Deletes the cast made with `prefix` (its threads, their posts, its people and their mails)."""
    from accounts.models import User
    from topics.models import Thread

    Thread.objects.filter(title__startswith=f"{prefix}: ").delete()
    deleted, _per_model = User.objects.filter(email__startswith=f"{prefix}-").delete()
    return deleted


def clear_queue() -> dict:
    """Deletes the tasks waiting or running and the mails not sent: on a benchmark database, whose measures
    queue tasks (the busy day's replies) that no worker ever runs."""
    from django_tasks_db.models import DBTaskResult

    from core.models import OutboxMail
    from core.taskqueue import TaskResultStatus

    tasks, _per_model = DBTaskResult.objects.filter(
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
    ).delete()
    mails, _per_model = OutboxMail.objects.exclude(state=OutboxMail.State.SENT).delete()
    return {"tasks": tasks, "mails": mails}
