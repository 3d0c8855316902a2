#include <stdio.h>

int main(void)
{
    puts("mockinterview");
    return 0;
}
