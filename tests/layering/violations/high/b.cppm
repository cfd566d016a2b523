// A fixture of the layering test (see ../LAYERS); never compiled.
export module fixture:high.b;
import :mid.c;
