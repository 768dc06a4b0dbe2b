/* html.c: context-aware HTML escaping and the shared page frame. */
#include "render/html.h"

#include <stdio.h>
#include <string.h>

void html_raw(struct ocop_buf *b, const char *literal)
{
    ocop_buf_puts(b, literal);
}

static void html__escape(struct ocop_buf *b, const char *s, int attr)
{
    const char *run = s;
    if (!s)
        return;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '`':
            rep = attr ? "&#96;" : NULL;
            break;
        case '=':
            rep = attr ? "&#61;" : NULL;
            break;
        default:
            break;
        }
        if (rep) {
            ocop_buf_put(b, run, (size_t)(s - run));
            ocop_buf_puts(b, rep);
            run = s + 1;
        }
    }
    ocop_buf_put(b, run, (size_t)(s - run));
}

void html_txt(struct ocop_buf *b, const char *s)
{
    html__escape(b, s, 0);
}

void html_attr(struct ocop_buf *b, const char *s)
{
    html__escape(b, s, 1);
}

void html_url_arg(struct ocop_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    char enc[3] = {'%', 0, 0};
    if (!s)
        return;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            ocop_buf_put(b, s, 1);
        } else {
            enc[1] = hex[c >> 4];
            enc[2] = hex[c & 15];
            ocop_buf_put(b, enc, 3);
        }
    }
}

void html_int(struct ocop_buf *b, long long v)
{
    ocop_buf_printf(b, "%lld", v);
}

void html_num(struct ocop_buf *b, double v, int decimals)
{
    ocop_buf_printf(b, "%.*f", decimals, v);
}

static const char css[] =
    ":root{--red:#b2181f;--gold:#9a6f0f;--ink:#1c1c1c;--mute:#5f5f5f;--ok:#17663a;--warn:#8a5a00;"
    "--bad:#a8151c;--line:#e3e3e3}"
    "*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,'Noto Sans',"
    "sans-serif;color:var(--ink);background:#faf8f5}"
    "a{color:var(--red)}main{max-width:40rem;margin:0 auto;padding:0 1rem 2rem}"
    "header.top{background:var(--red);color:#fff;padding:.1rem .75rem;display:flex;flex-wrap:wrap;"
    "gap:0 1rem;justify-content:space-between;align-items:center}header.top a{color:#fff;"
    "display:inline-block;padding:.55rem .3rem}"
    ".brand{font-weight:700;letter-spacing:.04em}"
    ".verdict{margin:1rem 0;padding:1rem;border-radius:.5rem;color:#fff}"
    ".verdict h1{margin:0 0 .3rem;font-size:1.35rem}.verdict p{margin:0}"
    ".v-genuine{background:var(--ok)}.v-not_valid{background:var(--warn)}"
    ".v-suspected_copy,.v-forged{background:var(--bad)}"
    ".stars{color:var(--gold);font-size:1.4rem;letter-spacing:.1em}"
    "dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem .8rem;"
    "margin:.5rem 0}dt{color:var(--mute)}dd{margin:0;min-width:0;overflow-wrap:anywhere}"
    "section{background:#fff;border:1px solid var(--line);"
    "border-radius:.5rem;padding:.8rem 1rem;margin:.8rem 0}h2{font-size:1.05rem;margin:.2rem 0 "
    ".5rem}h3{font-size:.95rem;color:var(--mute);margin:.6rem 0 .2rem}"
    "ol.scans{margin:.2rem 0;padding-left:1.6rem;columns:2 10rem;font-variant-numeric:tabular-nums}"
    "ol.scans li{white-space:nowrap}"
    /* a trace history: a line down the left, a dot a step; wraps on a 360 px phone */
    "ol.timeline{list-style:none;margin:.5rem 0 .3rem .45rem;padding:0 0 0 1rem;"
    "border-left:3px solid #e6d3b3}"
    "ol.timeline>li{position:relative;margin:0 0 .85rem;min-width:0}"
    "ol.timeline>li::before{content:'';position:absolute;left:-1.52rem;top:.3rem;width:.75rem;"
    "height:.75rem;border-radius:50%;background:var(--red);border:2px solid #fff}"
    ".ev-head{display:flex;flex-wrap:wrap;gap:.15rem .45rem;align-items:baseline}"
    ".ev-head time{font-weight:600;font-variant-numeric:tabular-nums}"
    ".ev-head .kind,.ev-head .lot{display:inline-block;padding:0 .5rem;border-radius:1rem;"
    "font-size:.85rem;background:#f4ece0}.ev-head .lot{background:#e8eef7}"
    "ol.timeline p{margin:.15rem 0;overflow-wrap:anywhere}ol.timeline .desc{white-space:pre-line}"
    "ol.timeline .where{color:var(--mute);font-size:.9rem}"
    "ol.timeline li.retracted::before{background:#fff;border-color:var(--mute)}"
    "ol.timeline li.retracted .desc{text-decoration:line-through;color:var(--mute)}"
    ".tnote{color:var(--mute);font-size:.85rem;margin:.2rem 0 0}"
    "ul{margin:.3rem 0;padding-left:1.2rem}footer{color:var(--mute);font-size:.85rem;"
    "text-align:center;padding:1rem}";

void html_page_open(struct ocop_buf *b, const char *lang, const char *title)
{
    html_raw(b, "<!doctype html><html lang=\"");
    html_attr(b, lang);
    html_raw(b, "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                "content=\"width=device-width,initial-scale=1\">");
    /* the icon inline, so that browsers need not ask for a /favicon.ico */
    html_raw(b, "<link rel=\"icon\" href=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/"
                "2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='6' "
                "fill='%23b2181f'/%3E%3Ccircle cx='16' cy='16' r='8.5' fill='none' stroke='%23fff' "
                "stroke-width='4'/%3E%3C/svg%3E\"><title>");
    html_txt(b, title);
    html_raw(b, "</title><style>");
    html_raw(b, css);
    html_raw(b, "</style></head><body>");
}

void html_page_close(struct ocop_buf *b)
{
    html_raw(b, "</body></html>");
}

void html_dl_row(struct ocop_buf *b, const char *label, const char *value)
{
    if (!value || !*value)
        return;
    html_raw(b, "<dt>");
    html_txt(b, label);
    html_raw(b, "</dt><dd>");
    html_txt(b, value);
    html_raw(b, "</dd>");
}
