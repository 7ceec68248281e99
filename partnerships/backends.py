"""Authentication backend: Django's, except that the logged-in user is read with their membership and
organisation in one query, since every page shows them (navigation) and checks them (permissions)."""

from functools import cache

from django.contrib.auth.backends import ModelBackend
from django.db import connections, router

from .models import Membership, Organisation, User


class _Columns:
    """The concrete columns of `model` under a table alias, and how to turn what the database returns into field
    values: the converters Django's compiler would apply (SQLite's text dates, booleans, …)."""

    def __init__(self, model, alias: str, connection):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.attnames = [field.attname for field in self.fields]
        self.pk_index = self.fields.index(model._meta.pk)
        quote = connection.ops.quote_name
        self.sql = ", ".join(f"{alias}.{quote(field.column)}" for field in self.fields)
        self.converters = []
        for field in self.fields:
            column = field.get_col(alias)
            steps = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            self.converters.append((steps, column))

    def instance(self, db: str, row, connection):
        values = list(row[: len(self.fields)])
        for index, (steps, column) in enumerate(self.converters):
            for convert in steps:
                values[index] = convert(values[index], column, connection)
        return self.model.from_db(db, self.attnames, values)


@cache
def _user_query(db: str):
    """Built once per process and database: compiling the same query with the ORM (three models selected
    together) cost a fifth of the smallest page's time, on every request of a logged-in user."""
    connection = connections[db]
    quote = connection.ops.quote_name
    user, membership, organisation = (
        _Columns(User, "u", connection),
        _Columns(Membership, "m", connection),
        _Columns(Organisation, "o", connection),
    )
    membership_user = quote(Membership._meta.get_field("user").column)
    membership_organisation = quote(Membership._meta.get_field("organisation").column)
    sql = (
        f"SELECT {user.sql}, {membership.sql}, {organisation.sql} FROM {quote(User._meta.db_table)} u"
        f" LEFT JOIN {quote(Membership._meta.db_table)} m ON m.{membership_user} = u.{quote(User._meta.pk.column)}"
        f" LEFT JOIN {quote(Organisation._meta.db_table)} o"
        f" ON o.{quote(Organisation._meta.pk.column)} = m.{membership_organisation}"
        f" WHERE u.{quote(User._meta.pk.column)} = %s"
    )
    return sql, user, membership, organisation


def user_with_membership(user_id) -> User | None:
    """The user with `user_id`, their membership and its organisation already attached (as
    `select_related("membership__organisation")` would), or None."""
    db = router.db_for_read(User)
    connection = connections[db]
    sql, user_columns, membership_columns, organisation_columns = _user_query(db)
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        row = cursor.fetchone()
    if row is None:
        return None
    user = user_columns.instance(db, row, connection)
    row = row[len(user_columns.fields) :]
    membership = None
    if row[membership_columns.pk_index] is not None:  # NULL when the user has no organisation
        membership = membership_columns.instance(db, row, connection)
        organisation = organisation_columns.instance(db, row[len(membership_columns.fields) :], connection)
        membership._state.fields_cache["organisation"] = organisation
        membership._state.fields_cache["user"] = user
    user._state.fields_cache["membership"] = membership
    return user


class MemberBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_with_membership(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


# The backend named when the app logs someone in itself (after e-mail confirmation or an accepted invitation).
MEMBER_BACKEND = f"{MemberBackend.__module__}.{MemberBackend.__qualname__}"
