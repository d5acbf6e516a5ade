"""Migrating the test database back and forth, for the tests of a data migration.

Django's executor, migrating back, works out the project's state before each migration it
unapplies in one pass over every migration from the first of them to the last, with the
models rendered (built as classes) throughout: each migration on the way re-renders the
models it touches and every model related to them, which in this project is nearly all of
them, whether or not it is one to unapply. Here that pass keeps the states as descriptions
and each migration's state is rendered once, just before it is unapplied: the same states,
the same schema changes in the same order, a fraction of the rendering (the migration tests
spent most of their time in that pass)."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.state import ProjectState


class _Executor(MigrationExecutor):
    def _migrate_all_backwards(self, plan, full_plan, fake) -> ProjectState:
        to_unapply = {migration for migration, _backwards in plan}
        states = {}
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        applied = {
            self.loader.graph.nodes[key]
            for key in self.loader.applied_migrations
            if key in self.loader.graph.nodes
        }
        for migration, _forwards in full_plan:
            if not to_unapply:
                break
            if migration in to_unapply:
                states[migration] = state
                state = migration.mutate_state(state, preserve=True)
                to_unapply.remove(migration)
            elif migration in applied:
                migration.mutate_state(state, preserve=False)
        for migration, _backwards in plan:
            before = states.pop(migration)
            before.apps  # noqa: B018  rendered here, and changed from here on as Django does
            self.unapply_migration(before, migration, fake=fake)
            applied.remove(migration)
        # The state after: what is still applied, as Django's own works it out.
        state = ProjectState(real_apps=self.loader.unmigrated_apps)
        for migration, _forwards in full_plan:
            if migration in applied:
                migration.mutate_state(state, preserve=False)
        return state


def migrate(targets=None) -> MigrationExecutor:
    """The test database migrated to ``targets`` (every app's newest migration by default);
    the executor returned knows what is applied now."""
    executor = _Executor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    executor.loader.build_graph()
    return executor
