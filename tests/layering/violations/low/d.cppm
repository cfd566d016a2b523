// A fixture of the layering test (see ../LAYERS); never compiled.
export module fixture:mid.d;
import :mid.c;
