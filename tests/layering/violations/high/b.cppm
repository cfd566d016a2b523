export module fixture:high.b;
import :mid.c;
