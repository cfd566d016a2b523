// A fixture of the layering test (see ../LAYERS); never compiled.
export module fixture:low.a;
import :high.b;
