"""The eight working-group topics as the platform describes them.

The data migration (topics/migrations/0002_seed_topics.py) stores them in English from its own copy; the
strings are marked here so that their translations exist and Topic.localized_* can show them in the
reader's language.
"""

from django.utils.translation import gettext_noop as _

TOPICS = [
    {
        "slug": "data-and-digitalisation",
        "name": _("Data and digitalisation"),
        "summary": _("How SMCs can navigate the growing data demands and the challenges they hold."),
        "description": _(
            "Mobility data, digital tools and the skills a smaller administration needs to use them: "
            "what to collect, how to share it, and how to stay in control of it."
        ),
    },
    {
        "slug": "european-commission-calls",
        "name": _("European Commission calls and initiatives"),
        "summary": _(
            "Guidance and capacity building for SMCs in navigating and coping with the many "
            "European Commission calls and initiatives."
        ),
        "description": _(
            "Which calls fit a small or medium-sized city, how to read them, how to find partners "
            "and how to build a proposal with a small team."
        ),
    },
    {
        "slug": "projects",
        "name": _("Projects"),
        "summary": _("Joint meetings with projects focused on SMCs."),
        "description": _(
            "European and national projects working with small and medium-sized cities meet the "
            "platform here to share results and find cities to test them."
        ),
    },
    {
        "slug": "engaging-in-projects",
        "name": _("Engaging in projects"),
        "summary": _(
            "Building on the successes and challenges of projects: what happens after they are "
            "implemented, and how they keep their impact beyond the official end date."
        ),
        "description": _(
            "Keeping a pilot running after the funding ends, handing it over to operations, and "
            "learning from what did not last."
        ),
    },
    {
        "slug": "leading-projects",
        "name": _("Leading projects"),
        "summary": _("Linked with capacity building: learning from others how they have led projects."),
        "description": _(
            "Coordinating a consortium, managing partners and budgets, and growing the skills to "
            "lead rather than follow."
        ),
    },
    {
        "slug": "working-with-regions",
        "name": _("Working with regions"),
        "summary": _("How to work together to combine resources and move in a common direction."),
        "description": _(
            "Cities and their regions share travellers, networks and budgets: how to plan and "
            "fund mobility together."
        ),
    },
    {
        "slug": "working-with-transport-providers",
        "name": _("Working with transport providers"),
        "summary": _("Working with transport providers and establishing communication channels."),
        "description": _(
            "Public transport operators, shared-mobility companies and rail: contracts, data "
            "sharing and regular dialogue."
        ),
    },
    {
        "slug": "controlling-and-reducing-car-use",
        "name": _("Controlling and reducing car use"),
        "summary": _("Controlling and reducing car use, explored from the health perspective too."),
        "description": _(
            "Parking policy, low-traffic areas, active travel and the health case for using the car "
            "less in smaller cities."
        ),
    },
]

