"""The demo content `make run` loads: real cities, one account per kind of person, conversations and the
declaration, made through the portal's own workflows wherever one exists, so that the rows (audit entries,
histories, subscriptions, counters) are those real use would write. Each step is idempotent."""

from devdata.demo import cities, contact, conversations, declaration, lifecycle, people, projects

# In order: cities need the staff member who approves them, people need cities, conversations need officers;
# the lifecycle suspends and ends memberships last, so that the cities it moves have their people and posts.
STEPS = [contact.load, cities.load, people.load, conversations.load, declaration.load, projects.load, lifecycle.load]
