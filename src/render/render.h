/* render.h: process-wide clean-up of the rendering libraries (pango, cairo). */
#ifndef OCOP_RENDER_RENDER_H
#define OCOP_RENDER_RENDER_H

/* Releases pango's font map and cairo's caches; call once, when the process ends. */
void ocop_render_shutdown(void);

#endif
