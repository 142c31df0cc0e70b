"""A mypy plugin that types SQLModel table classes as SQLAlchemy maps them at run time.

On a ``class Task(SQLModel, table=True)`` the annotation ``id: int | None`` describes the *instance*
attribute; on the class, SQLAlchemy's mapper puts an ``InstrumentedAttribute`` there, so ``Task.id == 3``
is a SQL expression and ``Task.id.in_(...)`` exists. Without this plugin mypy reads ``Task.id`` as
``int | None`` and every query is an error (or needs ``sqlmodel.col()`` around each column). The plugin
gives class-level access to a declared field of a table model the type
``InstrumentedAttribute[<field type>]`` and declares the mapped ``__table__``; instance access is
unchanged. Configured in pyproject.toml ``[tool.mypy] plugins``; only mypy imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from mypy.nodes import MDEF, NameExpr, SymbolTableNode, TypeInfo, Var
from mypy.plugin import AttributeContext, ClassDefContext, Plugin
from mypy.types import Instance, Type

SQLMODEL = "sqlmodel.main.SQLModel"
ATTRIBUTE = "sqlalchemy.orm.attributes.InstrumentedAttribute"
TABLE = "sqlalchemy.sql.schema.Table"
MARK = "tasktrack.mypy_sqlmodel"  # kept in TypeInfo.metadata, so it survives mypy's incremental cache


class SQLModelColumns(Plugin):
    def get_additional_deps(self, file: object) -> list[tuple[int, str, int]]:
        return [(10, "sqlalchemy.orm.attributes", -1), (10, "sqlalchemy.sql.schema", -1)]

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return _mark_table if fullname == SQLMODEL else None

    def get_class_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        owner, _, name = fullname.rpartition(".")
        if not owner or name.startswith("_"):
            return None
        sym = self.lookup_fully_qualified(owner)
        info = sym.node if sym is not None else None
        if not isinstance(info, TypeInfo) or not info.metadata.get(MARK, {}).get("table"):
            return None
        field = info.names.get(name)
        if field is None or not isinstance(field.node, Var) or field.node.is_classvar:
            return None
        attribute = self.lookup_fully_qualified(ATTRIBUTE)
        if attribute is None or not isinstance(attribute.node, TypeInfo):
            return None
        return partial(_column, attribute.node)


def _mark_table(ctx: ClassDefContext) -> None:
    table = ctx.cls.keywords.get("table")
    if not (isinstance(table, NameExpr) and table.fullname == "builtins.True"):
        return
    info = ctx.cls.info
    info.metadata[MARK] = {"table": True}
    table_type = ctx.api.named_type_or_none(TABLE)
    if table_type is None:
        if not ctx.api.final_iteration:
            ctx.api.defer()
        return
    var = Var("__table__", table_type)
    var.info = info
    var._fullname = f"{info.fullname}.__table__"
    var.is_classvar = True
    info.names["__table__"] = SymbolTableNode(MDEF, var, plugin_generated=True)


def _column(attribute: TypeInfo, ctx: AttributeContext) -> Type:
    if ctx.is_lvalue:
        return ctx.default_attr_type
    return Instance(attribute, [ctx.default_attr_type])


def plugin(version: str) -> type[Plugin]:
    return SQLModelColumns
