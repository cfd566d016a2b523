export module fixture:low.a;
import :high.b;
