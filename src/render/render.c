/* render.c: process-wide clean-up of the rendering libraries. */
#include "render/render.h"

#include <cairo.h>
#include <pango/pangocairo.h>

void ocop_render_shutdown(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
}
