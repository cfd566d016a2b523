// A fixture of the layering test (see ../LAYERS); never compiled.
export module fixture:mid.c;
import :mid.d;
