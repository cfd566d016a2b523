export module fixture:mid.d;
import :mid.c;
