/* The floor for reading DOCX forms: what libzip + libxml2 cost with nothing on top.
 *
 * For each file named on the command line: open it with libzip, inflate every part the bulletin reader
 * reads (word/document.xml, and word/styles.xml, word/numbering.xml, word/footnotes.xml and
 * word/endnotes.xml when present), parse each into a libxml2 tree, and print the text of the
 * document's w:t elements as one line per file (so the work cannot be skipped). No label matching, no
 * validation: a lower bound on the time any reader built on these two libraries can take.
 *
 * Built by tools/bench_docx.py:  cc -O2 -o docx_floor tools/docx_floor.c $(pkg-config --cflags --libs libzip libxml-2.0)
 * Usage: docx_floor [--document-only] FILE.docx...   (--document-only: word/document.xml alone, the floor of the
 *        issue's first measurement; the default reads every part the reader may read, styles in full)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

static unsigned char *read_entry(zip_t *z, const char *name, zip_uint64_t *size) {
    zip_stat_t st;
    if (zip_stat(z, name, 0, &st) != 0) return NULL;
    zip_file_t *f = zip_fopen(z, name, 0);
    if (!f) return NULL;
    unsigned char *buf = malloc(st.size + 1);
    zip_int64_t got = buf ? zip_fread(f, buf, st.size) : -1;
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) { free(buf); return NULL; }
    *size = st.size;
    return buf;
}

static void print_text(xmlNodePtr node, FILE *out) {
    for (xmlNodePtr n = node; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            if (n->name[0] == 't' && n->name[1] == 0) {
                xmlChar *s = xmlNodeGetContent(n);
                if (s) { fputs((const char *)s, out); xmlFree(s); }
            } else {
                print_text(n->children, out);
            }
        }
    }
}

int main(int argc, char **argv) {
    const char *parts[] = {"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/footnotes.xml", "word/endnotes.xml"};
    int nparts = 5, first = 1;
    if (argc > 1 && strcmp(argv[1], "--document-only") == 0) { nparts = 1; first = 2; }
    xmlInitParser();
    int failed = 0;
    for (int i = first; i < argc; i++) {
        int err = 0;
        zip_t *z = zip_open(argv[i], ZIP_RDONLY, &err);
        if (!z) { fprintf(stderr, "%s: cannot open (libzip error %d)\n", argv[i], err); failed = 1; continue; }
        for (int p = 0; p < nparts; p++) {
            zip_uint64_t size = 0;
            unsigned char *bytes = read_entry(z, parts[p], &size);
            if (!bytes) { if (p == 0) { fprintf(stderr, "%s: no %s\n", argv[i], parts[p]); failed = 1; } continue; }
            xmlDocPtr doc = xmlReadMemory((const char *)bytes, (int)size, parts[p], NULL, XML_PARSE_NONET | XML_PARSE_COMPACT);
            if (doc) {
                if (p == 0) print_text(xmlDocGetRootElement(doc), stdout);
                xmlFreeDoc(doc);
            } else {
                fprintf(stderr, "%s: %s is not well-formed\n", argv[i], parts[p]);
                failed = 1;
            }
            free(bytes);
        }
        zip_close(z);
        putchar('\n');
    }
    xmlCleanupParser();
    return failed;
}
