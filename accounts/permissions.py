"""Who may do what. Views, templates and the admin all ask here; nothing else decides."""

from accounts.models import MEMBER_CITY_STATUS, Affiliation


def _is_active_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_verified_email(user) -> bool:
    return _is_active_user(user) and user.has_verified_email


# A city gives its people rights only while it is a member. The officers and representatives of a suspended or
# former city keep their accounts and read what every registered person reads; they no longer post, see
# members-only content, sign the declaration or update their city's plan. Every right that depends on a city
# asks this one rule: through User.verified_affiliations, which holds only the affiliations with cities it
# accepts, or directly. A city that changes state changes what its people may do with the next request.


def city_confers_rights(city) -> bool:
    return city.membership_status == MEMBER_CITY_STATUS


def affiliation_confers_rights(affiliation) -> bool:
    """A verified affiliation with a city that still gives its people rights (profiles show the others apart)."""
    return affiliation.status == Affiliation.Status.VERIFIED and city_confers_rights(affiliation.city)


def _verified_roles(user) -> set[str]:
    if not has_verified_email(user):
        return set()
    return {affiliation.role for affiliation in user.verified_affiliations}


def is_verified_officer(user) -> bool:
    return Affiliation.Role.OFFICER in _verified_roles(user)


def is_political_representative(user) -> bool:
    return Affiliation.Role.REPRESENTATIVE in _verified_roles(user)


def can_moderate(user) -> bool:
    return _is_active_user(user) and user.is_staff


def has_second_factor(user) -> bool:
    """An authenticator app or a security key; recovery codes alone do not count."""
    from allauth.mfa.models import Authenticator

    if not _is_active_user(user):
        return False
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def must_set_up_mfa_for_admin(user) -> bool:
    """Staff reach the admin only with a second factor: without one they are sent to set it up."""
    return can_moderate(user) and not has_second_factor(user)


def can_use_admin(user) -> bool:
    return can_moderate(user) and has_second_factor(user)


def can_request_affiliation(user) -> bool:
    return has_verified_email(user)


def can_withdraw_affiliation(user, affiliation) -> bool:
    """People end only their own requests and affiliations, and only while those are live."""
    return _is_active_user(user) and affiliation.user_id == user.pk and affiliation.is_live


def can_delete_account(user) -> bool:
    """Staff accounts are closed by another staff member in the admin: it never loses its last keeper."""
    return _is_active_user(user) and not user.is_staff


def can_post(user) -> bool:
    """Start threads, reply and share resources in topic areas."""
    return is_verified_officer(user)


def can_see_members_only(user) -> bool:
    return is_verified_officer(user) or can_moderate(user)


def can_sign_declaration(user) -> bool:
    return is_political_representative(user)


def can_edit_post(user, post) -> bool:
    """An officer edits their own post while it is shown and its thread takes replies (not locked, not hidden).
    Staff do not edit other people's words: they hide a post and say why."""
    return (
        can_post(user)
        and post.author_id == user.pk
        and not post.is_hidden
        and post.thread.accepts_replies
    )


def reporting_revoked(user) -> bool:
    """Staff withdrew the person's right to report, for reports made in bad faith (accounts.services)."""
    return _is_active_user(user) and user.reporting_revoked


def can_report(user) -> bool:
    return has_verified_email(user) and not reporting_revoked(user)


def can_report_post(user, post) -> bool:
    return can_report(user) and post.author_id != user.pk


def can_subscribe(user) -> bool:
    return has_verified_email(user)


# Projects, funding calls and partner search. A project's partner cities are those whose officers speak for
# it (projects.models.Project.partner_city_ids); a partner request belongs to the city it was posted for.


def officer_city_ids(user) -> set[int]:
    """The member cities USER is a verified officer of."""
    if not is_verified_officer(user):
        return set()
    return {a.city_id for a in user.verified_affiliations if a.role == Affiliation.Role.OFFICER}


def officer_cities(user) -> list:
    """The same cities, as rows (read with the user's affiliations: no query of their own)."""
    if not is_verified_officer(user):
        return []
    return [a.city for a in user.verified_affiliations if a.role == Affiliation.Role.OFFICER]


def can_propose_project(user) -> bool:
    """Record a project one's city takes part in; staff approve it before it is shown."""
    return is_verified_officer(user)


def is_partner_officer(user, project) -> bool:
    """A verified officer of a partner city of the project."""
    return bool(officer_city_ids(user) & project.partner_city_ids)


def can_edit_project(user, project) -> bool:
    """Partner cities' officers keep their project up to date (results included) until staff reject it."""
    return not project.is_rejected and is_partner_officer(user, project)


def can_write_after_end(user, project) -> bool:
    """Tell what continued after the project's end: its partner cities' officers."""
    return can_edit_project(user, project)


def can_join_project(user, project) -> bool:
    """Ask for one's city to be listed as a partner of an approved project it is not in yet."""
    return project.is_approved and bool(officer_city_ids(user) - project.live_city_ids)


def can_record_call(user) -> bool:
    """Staff record funding calls published at once; verified officers' calls wait for staff."""
    return is_verified_officer(user) or can_moderate(user)


def can_follow_calls(user) -> bool:
    """Follow a call or a programme for deadline reminders."""
    return has_verified_email(user)


def can_request_partners(user) -> bool:
    """Post a partner request for a call or a project idea."""
    return is_verified_officer(user)


def can_see_partner_request(user, partner_request) -> bool:
    """Members-only requests (the default) are for verified officers and staff."""
    return not partner_request.members_only or can_see_members_only(user)


def speaks_for_partner_request(user, partner_request) -> bool:
    """A verified officer of the city that posted the request (the poster and their colleagues)."""
    return partner_request.city_id in officer_city_ids(user)


def can_express_interest(user, partner_request) -> bool:
    """Officers of another city say theirs is interested, while the request is open and before its deadline."""
    return partner_request.takes_interest and bool(officer_city_ids(user) - {partner_request.city_id})


def can_close_partner_request(user, partner_request) -> bool:
    """Mark it filled or withdrawn: its city's officers, or staff."""
    return partner_request.is_open and (speaks_for_partner_request(user, partner_request) or can_moderate(user))


def can_see_interests(user, partner_request) -> bool:
    """Which cities answered, with their messages: the request's city and staff."""
    return speaks_for_partner_request(user, partner_request) or can_moderate(user)


# Cities: membership, applications and the mobility plan.


def can_change_membership(user) -> bool:
    """Admit, suspend, reinstate, end or renew a city's membership; decide on and check applications."""
    return can_moderate(user)


def can_read_application_documents(user) -> bool:
    """The council decisions applicants upload are for the staff's workplace only (the admin's second factor)."""
    return can_use_admin(user)


def is_officer_of(user, city) -> bool:
    """A verified officer of this very city, while it is a member."""
    return city.pk in officer_city_ids(user)


def can_update_city_plan(user, city) -> bool:
    """The city's own officers keep its mobility plan's status and dates; staff correct them when needed."""
    return is_officer_of(user, city) or can_moderate(user)


def capabilities(user) -> dict[str, bool]:
    """The same answers for templates: {% if can.post %}."""
    return {
        "post": can_post(user),
        "see_members_only": can_see_members_only(user),
        "sign": can_sign_declaration(user),
        "moderate": can_moderate(user),
        "request_affiliation": can_request_affiliation(user),
        "report": can_report(user),
        "subscribe": can_subscribe(user),
        "delete_account": can_delete_account(user),
        "propose_project": can_propose_project(user),
        "record_call": can_record_call(user),
        "follow_calls": can_follow_calls(user),
        "request_partners": can_request_partners(user),
    }


def audience(user) -> str:
    """Everything above in a few characters: people with the same answers may be shown the same cached page
    (core.cache.audiences "rights")."""
    return "".join("1" if allowed else "0" for allowed in capabilities(user).values())


# The Ambassadors Initiative: which cities someone signs for, and what they may do with a signature.


def cities_to_sign_for(user) -> list:
    """The member cities the user is a verified political representative of."""
    if not can_sign_declaration(user):
        return []
    return [
        affiliation.city
        for affiliation in user.verified_affiliations
        if affiliation.role == Affiliation.Role.REPRESENTATIVE
    ]


def signing_step(user) -> str:
    """What stands between the user and signing: login, verify_email, representative, or nothing ("")."""
    if not (user and user.is_authenticated):
        return "login"
    if not has_verified_email(user):
        return "verify_email"
    if not can_sign_declaration(user):
        return "representative"
    return ""


def is_signer(user, signature) -> bool:
    return bool(user and user.is_authenticated and signature.signer_id == user.pk)


def can_view_certificate(user, signature) -> bool:
    """A former ambassador keeps their certificate: it says they have left office, and so does its check."""
    return is_signer(user, signature) and signature.is_genuine


def can_withdraw(user, signature) -> bool:
    return is_signer(user, signature) and signature.is_live
