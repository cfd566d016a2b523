export module fixture:mid.c;
import :mid.d;
