"""The data desk: where Rapporteur staff add figures and documents and publish releases.

A separate entry point (`make desk`: 127.0.0.1:8502), never linked from the public pages.
Nothing shows before sign-in (desk/auth.py). Steps: template -> document -> import (check and
preview) -> publish -> releases (roll back). The database is `st.connection("sql")`.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run desk/app.py` puts desk/ first on the path
    sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402
import streamlit as st  # noqa: E402

from desk import auth, db, store  # noqa: E402
from desk.release import sync_current  # noqa: E402
from i18n import LANGUAGES, _, set_language, supported  # noqa: E402

lang = set_language(supported(st.query_params.get("lang")) or st.session_state.get("desk_lang") or "ru")
st.set_page_config(page_title=_("Data desk — Rapporteur Dashboard"), layout="wide")


def _users() -> dict[str, str]:
    try:
        return dict(st.secrets.get("desk", {}).get("users", {}))
    except (FileNotFoundError, KeyError, AttributeError):
        return {}


def _identity_provider() -> bool:
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def signed_in() -> str | None:
    """The signed-in member of staff, or None (then the sign-in form is shown and the script stops)."""
    if _identity_provider():
        if getattr(st.user, "is_logged_in", False):
            return str(st.user.get("email") or st.user.get("name") or "staff")
        st.title(_("Data desk"))
        st.button(_("Sign in"), on_click=st.login, key="desk_login")
        return None
    if st.session_state.get("desk_user"):
        return st.session_state["desk_user"]
    st.title(_("Data desk"))
    users = _users()
    if not users:
        st.error(_("No desk account is configured: nobody can sign in. Add one to .streamlit/secrets.toml "
                   "(see desk/README.md)."))
        return None
    with st.form("desk_sign_in"):
        name = st.text_input(_("Name"), key="desk_name")
        password = st.text_input(_("Password"), type="password", key="desk_password")
        submitted = st.form_submit_button(_("Sign in"))
    if submitted:
        if auth.verify(users, name, password):
            st.session_state["desk_user"] = name.strip()
            st.rerun()
        st.error(_("Wrong name or password."))
    return None


who = signed_in()
if not who:
    st.stop()


@st.cache_resource
def _engine(url: str):
    conn = st.connection("sql", type="sql", url=url)
    return store.ensure(conn.engine)


eng = _engine(db.url())
sync_current()

with st.sidebar:
    st.write(_("Signed in as {name}", name=who))
    codes = list(LANGUAGES)
    st.session_state["desk_lang"] = st.selectbox(_("Language"), codes, index=codes.index(lang),
                                                 format_func=LANGUAGES.get)
    if st.button(_("Sign out")):
        st.session_state.pop("desk_user", None)
        if _identity_provider():
            st.logout()
        st.rerun()

st.title(_("Data desk"))
current = store.current_release(eng)
st.caption(_("Current release: {n}", n=current))
tabs = st.tabs([_("1. Template"), _("2. Document"), _("3. Import"), _("4. Publish"), _("5. Releases")])

@st.cache_data(max_entries=8, show_spinner=False)
def _template(language: str, release: int, source: str | None) -> bytes:
    from desk.template import build

    return build(language, store.release_tables(eng, release)[0], source)


def _preview_pages(result, key) -> None:
    """The affected pages' charts drawn with the release as it would be after this import (the
    current release, the imports already waiting, and this one), marked as not yet published."""
    from desk import preview
    from ui.figures import CONFIG

    if st.session_state.get("preview_key") != key:
        tables = store.release_tables(eng)[0]
        for waiting in store.staged(eng):
            if waiting["payload"] != result.payload:
                tables = store.apply_payload(tables, waiting["payload"])
        with st.spinner(_("Drawing the affected pages with the new data…")):
            st.session_state["preview_charts"] = preview.charts(store.apply_payload(tables, result.payload),
                                                                preview.imported_ids(result))
        st.session_state["preview_key"] = key
    built = st.session_state["preview_charts"]
    if not built:
        return
    st.subheader(_("The affected pages with the new data"))
    st.warning(_("Not yet published: only the desk shows these charts until the release is published."),
               icon=":material/visibility_off:")
    for item in built:
        st.markdown(f"**{item.title}**")
        if item.figure.data:
            st.plotly_chart(item.figure, key=f"preview_{item.dataset}", config=CONFIG)
        for line in item.not_drawn:
            st.caption(_("Not on the chart (a period longer than a year): {figure}", figure=line))


with tabs[0]:
    st.write(_("Download the workbook, fill in the figures of one document, then import it."))
    tmpl_lang = st.selectbox(_("Workbook language"), ["ru", "ky", "en"], format_func=LANGUAGES.get, key="tmpl_lang")
    docs = [d["id"] for d in store.documents(eng)]
    prefill = st.selectbox(_("Start from the figures of a document (optional)"), ["", *docs], key="tmpl_doc",
                           format_func=lambda d: d or _("empty workbook"))
    st.download_button(_("Download the template"), _template(tmpl_lang, current, prefill or None),
                       file_name="rapporteur-template.xlsx",
                       mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

with tabs[1]:
    from desk.documents import register

    with st.form("register"):
        upload = st.file_uploader(_("Document (text file .txt or PDF)"), type=["txt", "pdf"], key="doc_file")
        title = st.text_input(_("Title"))
        publisher = st.text_input(_("Publisher"))
        year = st.number_input(_("Year"), min_value=1990, max_value=2100, value=None, step=1)
        doc_lang = st.text_input(_("Language of the document"))
        doc_id = st.text_input(_("Short code (Latin letters, digits, hyphens; optional)"))
        go = st.form_submit_button(_("Register the document"))
    if go:
        if upload is None:
            st.error(_("Choose the document's text file."))
        else:
            new_id, problems = register(eng, upload.getvalue(), title=title, publisher=publisher,
                                        year=int(year) if year else None, language=doc_lang, who=who,
                                        doc_id=doc_id or None)
            for problem in problems:
                st.error(str(problem))
            if new_id:
                st.success(_("Document registered as “{id}”.", id=new_id))
    listed = store.documents(eng)
    if listed:
        st.dataframe(pl.DataFrame([{_("Code"): d["id"], _("Title"): d["title"], _("Publisher"): d["publisher"],
                                    _("Year"): d["year"], _("Registered"): d["registered"]} for d in listed]),
                     hide_index=True)
        from desk.documents import numbered

        shown_doc = st.selectbox(_("Document to read"), [d["id"] for d in listed], key="doc_read")
        chosen = store.document(eng, shown_doc) if shown_doc else None
        if chosen:
            st.download_button(_("Download the text with line numbers (cite these numbers)"),
                               numbered(chosen["text"]).encode("utf-8"), file_name=f"{shown_doc}-lines.txt",
                               mime="text/plain", key="doc_lines")

with tabs[2]:
    from desk import importer
    from desk.template import column_title, columns, sheet_name

    docs = [d["id"] for d in store.documents(eng)]
    source = st.selectbox(_("Document the figures come from"), docs)  # the newest first
    workbook = st.file_uploader(_("Filled workbook (.xlsx)"), type=["xlsx"], key="imp_file")
    if workbook is not None and source:
        raw = workbook.getvalue()
        key = (db.sha256(raw), source, current, lang)
        if st.session_state.get("imp_key") != key:  # check once per workbook, document and release
            with st.spinner(_("Checking every row…")):
                st.session_state["imp_result"] = importer.check(eng, raw, source, lang)
            st.session_state["imp_key"] = key
        result = st.session_state["imp_result"]
        if not result.ok:
            st.error(_("Nothing was saved. Correct these problems and import the workbook again:"))
            st.dataframe(pl.DataFrame([{_("Sheet"): p.sheet or "", _("Row"): p.row, _("Column"): p.column or "",
                                        _("Problem"): p.message} for p in result.problems]), hide_index=True)
        else:
            st.success(_("Every check passed. Preview:"))
            for dataset in result.new:
                n, c, r = len(result.new[dataset]), len(result.changed[dataset]), len(result.removed[dataset])
                if n or c or r:
                    st.write(_("{sheet}: {new} new, {changed} changed, {removed} removed",
                               sheet=sheet_name(dataset, lang), new=n, changed=c, removed=r))
                    shown = result.new[dataset] + [b for _a, b in result.changed[dataset]]
                    if shown:
                        cols = [c for c in columns(dataset) if c != "id"]
                        st.dataframe(pl.DataFrame([{column_title(dataset, c, lang): r.get(c) or "" for c in cols}
                                                   for r in shown]), hide_index=True)
                    if result.removed[dataset]:
                        st.warning(_("Removed: {rows}", rows="; ".join(
                            f"{r.get('measure')} {r.get('year') or r.get('period_end')}: {r.get('value')}"
                            for r in result.removed[dataset])))
            for dataset, mine, other in result.disagreements:
                st.warning(_("{sheet}: new disagreement: {measure} {value} here, {other} in another source",
                             sheet=sheet_name(dataset, lang), measure=mine.get("measure"),
                             value=mine.get("value"), other=other.get("value")))
            _preview_pages(result, key)
            kept = st.session_state.get("imp_kept", {})
            if key in kept:
                st.success(_("Import {n} is ready: publish it to make it public.", n=kept[key]))
            elif st.button(_("Keep this import for the next release"), key="stage"):
                kept[key] = importer.stage(eng, result, who)
                st.session_state["imp_kept"] = kept
                st.success(_("Import {n} is ready: publish it to make it public.", n=kept[key]))

with tabs[3]:
    waiting = store.staged(eng)
    if not waiting:
        st.info(_("No import is waiting."))
    else:
        st.dataframe(pl.DataFrame([{_("Import"): s["id"], _("Document"): s["source"], _("Who"): s["who"],
                                    _("When"): s["created"]} for s in waiting]), hide_index=True)
        note = st.text_input(_("What changes in this release (a note for readers)"), key="pub_note")
        if st.button(_("Publish"), key="publish", disabled=not note.strip()):
            from desk.importer import release_problems

            try:
                number = store.publish(eng, note, who, check=release_problems)
            except store.DeskError as exc:
                st.error(str(exc))
            else:
                sync_current()
                st.success(_("Release {n} is public.", n=number))

with tabs[4]:
    rows = store.releases(eng)
    st.dataframe(pl.DataFrame([{_("Release"): r["number"], _("Date"): r["created"], _("Who"): r["who"],
                                _("Note"): r["note"]} for r in rows]), hide_index=True)
    earlier = [r["number"] for r in rows if r["number"] != current]
    if earlier:
        target = st.selectbox(_("Roll back to release"), earlier, key="rb_target")
        if st.button(_("Roll back"), key="rollback"):
            number = store.rollback(eng, int(target), who)
            sync_current()
            st.success(_("Release {n} is public: a copy of release {old}.", n=number, old=target))
    with st.expander(_("Audit log")):
        st.dataframe(pl.DataFrame([{_("When"): a["at"], _("Who"): a["who"], _("Action"): a["action"],
                                    _("Detail"): a["detail"]} for a in store.audit_log(eng)]), hide_index=True)
